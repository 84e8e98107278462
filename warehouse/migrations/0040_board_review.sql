-- The Board's quarterly review: how a KPI's RAG is decided, and notes on hand-entered values.
alter table kpis add column amber_within double default 0;  -- short of target by at most this (in the KPI's unit): amber
alter table kpis add column computed_from varchar;  -- the computed measure feeding it, null when entered by hand
alter table kpi_values add column note varchar;
