"""The app's pages, one file each; `dashboards/ui/navigation.py` says who may open which."""
