"""The Carers Board's quarterly review: action plan, KPIs, and the board pack built from the marts."""
