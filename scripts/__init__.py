"""Build-time Python for the Sore Legs, Strong Runs site."""
