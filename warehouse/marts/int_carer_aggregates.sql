-- carer_aggregates(dim): per period and value of one grouping column of int_carer_indicators
-- ('everyone', 'area', 'age_band', ...), each measure's count, sum, mean and sd, as n_/x_/m_/sd_
-- columns. A table macro, so that a query for one breakdown reads only that breakdown's branch.
create or replace macro carer_aggregates(dim) as table
select
    period,
    dim as breakdown,
    cast(columns(dim) as varchar) as group_code,
    count(
        columns(* exclude (response_id, period, everyone, area, age_band, sex, ethnicity, hours_caring, own_health))
    ) as "n_\0",
    sum(
        columns(* exclude (response_id, period, everyone, area, age_band, sex, ethnicity, hours_caring, own_health))
    ) as "x_\0",
    avg(
        columns(* exclude (response_id, period, everyone, area, age_band, sex, ethnicity, hours_caring, own_health))
    ) as "m_\0",
    stddev_samp(
        columns(* exclude (response_id, period, everyone, area, age_band, sex, ethnicity, hours_caring, own_health))
    ) as "sd_\0"
from int_carer_indicators
group by all
