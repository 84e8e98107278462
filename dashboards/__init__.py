"""The Streamlit app: its pages (pages/), what they share (ui/), one reader per mart and the connection."""
