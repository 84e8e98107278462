-- Typed answers, one table per instrument; answer columns follow the survey definitions (version 1).
create sequence response_id_seq;

create table response_carer_experience (
    response_id bigint not null default nextval('response_id_seq'),
    raw_id bigint not null,
    batch_id bigint not null,
    survey_version integer not null,
    source varchar not null,
    source_id varchar not null,
    version integer not null,  -- 1, then 2, 3 ... as the same source id is revised
    is_current boolean not null,  -- false once a later version lands
    wave_id integer,
    is_demo boolean not null default false,
    late boolean not null default false,  -- keyed after the wave closed (paper)
    landed_at timestamp not null default current_timestamp,
    QOLTIME varchar,
    QOLCONTROL varchar,
    QOLSELFCARE varchar,
    QOLSAFETY varchar,
    QOLSOCIAL varchar,
    QOLSUPPORT varchar,
    SATISFIED varchar,
    CONSULTED varchar,
    INFOEASY varchar,
    BREAK12 varchar,
    REPLACECARE varchar,
    PERSBUDGET varchar,
    BUDGETLIMITS varchar,
    ASSESSOFFER varchar,
    ASSESSDONE varchar,
    ASSESSDAYS bigint,
    HOURS varchar,
    RELATION varchar,
    CONDITIONS_PHY boolean,
    CONDITIONS_SEN boolean,
    CONDITIONS_MH boolean,
    CONDITIONS_LD boolean,
    CONDITIONS_DEM boolean,
    CONDITIONS_LTC boolean,
    CONDITIONS_SUB boolean,
    CONDITIONS_TERM boolean,
    CONDITIONS_OTH boolean,
    AGEBAND varchar,
    SEX varchar,
    ETHNIC varchar,
    OWNHEALTH varchar,
    WORK varchar,
    AREA varchar,
    DIFFERENCE varchar
);

create table response_org_rating (
    response_id bigint not null default nextval('response_id_seq'),
    raw_id bigint not null,
    batch_id bigint not null,
    survey_version integer not null,
    source varchar not null,
    source_id varchar not null,
    version integer not null,  -- 1, then 2, 3 ... as the same source id is revised
    is_current boolean not null,  -- false once a later version lands
    wave_id integer,
    is_demo boolean not null default false,
    late boolean not null default false,  -- keyed after the wave closed (paper)
    landed_at timestamp not null default current_timestamp,
    RATER varchar,
    COMMISSIONER varchar,
    ENGAGEMENT varchar,
    INPLAN varchar,
    INBUDGET varchar,
    FUNDED varchar,
    FUNDAMOUNT decimal(18, 2),
    EVIDENCE varchar
);

create table response_commissioner_return (
    response_id bigint not null default nextval('response_id_seq'),
    raw_id bigint not null,
    batch_id bigint not null,
    survey_version integer not null,
    source varchar not null,
    source_id varchar not null,
    version integer not null,  -- 1, then 2, 3 ... as the same source id is revised
    is_current boolean not null,  -- false once a later version lands
    wave_id integer,
    is_demo boolean not null default false,
    late boolean not null default false,  -- keyed after the wave closed (paper)
    landed_at timestamp not null default current_timestamp,
    COMMISSIONER varchar,
    PLANSTATUS varchar,
    PUBDATE date,
    PUBURL varchar,
    JOINTPLAN varchar,
    BUDGETEXIST decimal(18, 2),
    BUDGETADD decimal(18, 2),
    SPENDPLAN decimal(18, 2),
    SPENDACTUAL decimal(18, 2),
    WORKSWITH varchar,
    WORKSWITHORGS varchar[]
);
