"""Flask glue the blueprints share: the request's database, languages, assets, security."""
