-- redact(text): free text with personal details removed, for anything the Board or the public sees.
-- Removes e-mail addresses, NHS numbers (3-3-4 digits), phone numbers, postcodes, and names: a title
-- and a name ("Mrs Khan"), or two capitalised words together ("Margaret Jones"), except a few common
-- phrases of services, which are kept by joining their words with a no-break space first.
create or replace macro redact(t) as
regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(t,
        '(Social|Adult|Carers|Jobcentre|National|Citizens|Age|Mental) '
        || '(Services|Care|Allowance|Plus|Health|Advice|UK|Trust|Centre)',
        '\1' || chr(160) || '\2', 'g'),
    '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}', '[email removed]', 'g'),
    '\b\d{3}[ -]?\d{3}[ -]?\d{4}\b', '[NHS number removed]', 'g'),
    '(\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b', '[phone removed]', 'g'),
    '\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b', '[postcode removed]', 'g'),
    '\b(Mr|Mrs|Ms|Miss|Dr|Mx)\.? [A-Z][a-z]+', '[name removed]', 'g'),
    '\b[A-Z][a-z]+ [A-Z][a-z]+( [A-Z][a-z]+)?\b', '[name removed]', 'g'),
    '\d+ [A-Z][a-z]+ (Street|Road|Lane|Avenue|Close|Drive|Way)', '[address removed]', 'g'),
    chr(160), ' ', 'g')
