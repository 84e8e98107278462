"""The app's pages, one file each; `dashboards/ui/registry.py` says who may open which."""
