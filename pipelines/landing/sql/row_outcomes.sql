-- What became of each received row of the batch being landed (read inside land(), from its temp tables).
-- A row never stored (`_keyed` but not `_new`) was already present; one stored but not accepted was quarantined.
select k._row,
    case
        when n._row is null then 'already_present'
        when a._row is null then 'quarantined'
        when a.version > 1 then 'new_version'
        else 'landed'
    end as status,
    coalesce(
        (select list((p.field, p.reason) order by p.field) from _problems as p where p._row = k._row),
        []
    ) as problems
from _keyed as k
left join _new as n using (_row)
left join _accepted as a using (_row)
order by k._row
