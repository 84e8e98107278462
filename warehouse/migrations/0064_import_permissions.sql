-- Organisations an administrator allows to import files of their own answers on the Import page
-- (a carers' organisation its ratings, a commissioner its returns). Kept apart from organisations,
-- whose reference rows are replaced on each reference load.
create table import_permissions (
    org_code varchar primary key,
    granted_by varchar,
    granted_at timestamp not null default current_timestamp
);
