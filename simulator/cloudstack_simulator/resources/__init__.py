"""One module per resource family; each registers its handlers with @api and its seed data with @seed."""
