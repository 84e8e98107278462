-- Each carer measure's sums per wave, breakdown and group, kept by every batch that lands carers'
-- answers (warehouse/aggregates.py), so the carer marts read a few thousand rows instead of every
-- response. Exactly `carer_sums('response_carer_experience')` (warehouse/marts/int_carer_indicators.sql):
-- n usable answers, x their sum, xx the sum of their squares, all whole numbers, so adding and taking
-- away are exact. No key: a batch rewrites a wave's rows together (delete, then insert).
create table carer_wave_sums (
    wave_id bigint not null,
    breakdown varchar not null,
    group_code varchar not null,
    measure varchar not null,
    n bigint not null,
    x bigint not null,
    xx bigint not null
);
