-- The period a review compares with: the wave before this one in its series (int_wave_series), taken
-- from the commissioners' return wave of the period when there is one, else from any survey's wave.
-- Parameter: $quarter. No row when the period is the first of its series.
select previous_period
from int_wave_series
where period = $quarter and previous_period is not null
order by survey_code <> 'commissioner_return', survey_code
limit 1
