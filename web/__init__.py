"""What the one ASGI process serves beside the Streamlit script: its own routes and the middleware on every response."""
