-- The carers' sums kept per wave are exactly what the definition gives afresh over the current responses
-- (warehouse/aggregates.py): every row one side has and the other has not.
(select 'kept, not made afresh' as side, * from carer_wave_sums
    except all select 'kept, not made afresh', * from carer_sums('response_carer_experience'))
union all
(select 'made afresh, not kept', * from carer_sums('response_carer_experience')
    except all select 'made afresh, not kept', * from carer_wave_sums)
