"""Domain services: everything elderride does, free of Flask, each taking the database first."""
