# German date formats for templates (`date:"DATE_FORMAT"` etc.); names Django does not find here come from its own locale.
DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
