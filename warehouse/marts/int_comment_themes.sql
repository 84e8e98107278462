-- comment_themes(text): the simple themes a carer's comment takes, as a sorted list, by the words
-- that mark each (regular expressions over the lower-cased text). The patterns are constants so that
-- each is compiled once, not once per comment. Read by mart_carer_comments and carer_indicators().
create or replace macro comment_themes(said) as list_filter([
    case
        when regexp_matches(lower(said), '\b(break|breaks|respite|sitting service|short stay|day out|voucher)')
            then 'breaks'
    end,
    case
        when regexp_matches(lower(said), '\b(health|sleep|tired|exhausted|depress|stress|gp|doctor|nurse|mental)')
            then 'health'
    end,
    case
        when regexp_matches(lower(said), '\b(information|advice|entitled|leaflet|website|in one place)')
            then 'information'
    end,
    case
        when regexp_matches(lower(said), '\b(job|jobs|work\b|working|employer|employment|career)')
            then 'employment'
    end,
    case
        when regexp_matches(lower(said), '\b(money|allowance|benefit|debt|afford|cost|pay|paid|income)')
            then 'money'
    end,
    case
        when regexp_matches(lower(said), '\b(school|young carer|under 18|teenage|only 1[0-7]\b)')
            then 'young_carers'
    end
], lambda theme: theme is not null)
