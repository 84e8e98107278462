-- Rows of one file about the same thing (the same natural key): an identical repeat is "a duplicate of"
-- the first row; when the answers differ, every row of the key "conflicts with" another (the second row
-- for the first, the first for the rest). Reads `_repeat_keys` (_row, key, answers: both lists of the
-- cells trimmed, rows whose key is filled), sets `_staged._problem` where no problem is set yet.
update _staged as s
set _problem = r.reason
from (
    select
        k._row,
        case
            when min(k.answers) over keys = max(k.answers) over keys
                then 'a duplicate of row ' || min(k._row) over keys
            when k._row = min(k._row) over keys
                then 'conflicts with row ' || nth_value(k._row, 2) over keys || ' about the same answer'
            else 'conflicts with row ' || min(k._row) over keys || ' about the same answer'
        end as reason,
        k._row = min(k._row) over keys and min(k.answers) over keys = max(k.answers) over keys as is_original,
        count(*) over keys as repeats
    from _repeat_keys as k
    window keys as (partition by k.key order by k._row rows between unbounded preceding and unbounded following)
) as r
where r._row = s._row and r.repeats > 1 and not r.is_original and s._problem is null
