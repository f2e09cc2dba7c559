"""The dashboard's views: options map, tables, one person, downloads."""
