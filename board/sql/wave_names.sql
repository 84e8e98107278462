-- Each period with its first and last days, so that a page can name it as people read it.
select period, min(opens) as opens, max(closes) as closes from waves group by period
