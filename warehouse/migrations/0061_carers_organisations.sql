-- Carers' organisations registered by administrators: the commissioners each works with and whether
-- that commissioner funds it. The area an organisation serves is its parent_code (a council, ICB,
-- CCG, PCT, SHA or region); retiring sets valid_to, so past ratings keep counting in past waves.
create table carers_org_commissioners (
    carers_org_code varchar not null,
    commissioner_code varchar not null,
    funded boolean not null default false,
    is_demo boolean not null default false,
    primary key (carers_org_code, commissioner_code)
);
