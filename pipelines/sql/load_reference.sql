-- Reference load: the files are the truth, so each table is replaced from them in one transaction.
-- Carers' organisations (added by administrators) are not in the files and are kept.
delete from organisations where type <> 'carers_org';
insert into organisations (code, name, type, parent_code, ons_code, valid_from, valid_to)
select code, name, type, parent_code, ons_code, valid_from, valid_to
from read_csv('$folder/organisations.csv', header = true, all_varchar = false,
    types = { 'code': 'varchar', 'parent_code': 'varchar', 'valid_from': 'date', 'valid_to': 'date' });
delete from org_successions;
insert into org_successions
select predecessor_code, successor_code, effective_date, share, basis
from read_csv('$folder/org_successions.csv', header = true,
    types = { 'predecessor_code': 'varchar', 'successor_code': 'varchar', 'effective_date': 'date' });
delete from ref_england_carer_measures;
insert into ref_england_carer_measures
select * from read_csv('$folder/england_carer_measures.csv', header = true,
    types = { 'ascof_code_to_2022_23': 'varchar', 'ascof_code_from_2023_24': 'varchar', 'note': 'varchar' });
delete from ref_council_carer_measures;
insert into ref_council_carer_measures
select * from read_csv('$folder/council_carer_measures.csv', header = true,
    types = { 'council_old_code': 'varchar', 'ascof_code': 'varchar', 'note': 'varchar', 'margin_of_error': 'double' });
