"""The seed labels of the taxonomies (German as in the import format, English for the UI).

Moderators edit the rows in the admin afterwards; this list only seeds an empty database.
"""

TAXONOMY_SEED: dict[str, list[tuple[str, str]]] = {
    "FieldOfAction": [
        ("Mobilität", "Mobility"),
        ("Energie", "Energy"),
        ("Umwelt und Klima", "Environment and climate"),
        ("Klimaanpassung und Resilienz", "Climate adaptation and resilience"),
        ("Gesundheit und Pflege", "Health and care"),
        ("Bildung", "Education"),
        ("Kultur und Tourismus", "Culture and tourism"),
        ("Wirtschaft und Handel", "Economy and retail"),
        ("Verwaltung und Bürgerservice", "Administration and citizen services"),
        ("Beteiligung und Teilhabe", "Participation and inclusion"),
        ("Wohnen und Quartier", "Housing and neighbourhoods"),
        ("Stadtplanung und Bauen", "Urban planning and building"),
        ("Sicherheit und Katastrophenschutz", "Safety and civil protection"),
        ("Daten und digitale Infrastruktur", "Data and digital infrastructure"),
        ("Ländlicher Raum und Landwirtschaft", "Rural areas and agriculture"),
        ("Soziales und Zusammenhalt", "Social affairs and cohesion"),
        ("Wasser und Abwasser", "Water and wastewater"),
        ("Abfall und Kreislaufwirtschaft", "Waste and circular economy"),
    ],
    "SpatialImpact": [
        ("Quartier", "Neighbourhood"),
        ("Gesamtstadt", "Whole town"),
        ("Interkommunal/Region", "Inter-municipal/region"),
        ("Landkreis", "District"),
    ],
    "ProgressStatus": [
        ("Idee/Planung", "Idea/planning"),
        ("In Umsetzung", "Being implemented"),
        ("Abgeschlossen", "Completed"),
        ("Verstetigt", "In regular operation"),
        ("Eingestellt", "Discontinued"),
    ],
    "SolutionType": [
        ("App", "App"),
        ("Beteiligungsplattform", "Participation platform"),
        ("Datenplattform", "Data platform"),
        ("Digitaler Zwilling", "Digital twin"),
        ("Sensorik/IoT", "Sensors/IoT"),
        ("KI/Datenanalyse", "AI/data analytics"),
        ("Open-Data-Portal", "Open data portal"),
        ("Chatbot", "Chatbot"),
        ("Ort/Stadtlabor", "Place/urban lab"),
        ("Strategie/Konzept", "Strategy/concept"),
        ("Bildungsangebot", "Educational offer"),
        ("Mobilitätsdienst", "Mobility service"),
    ],
    "TargetGroup": [
        ("Bürgerinnen und Bürger", "Residents"),
        ("Verwaltung", "Public administration"),
        ("Wirtschaft", "Businesses"),
        ("Seniorinnen und Senioren", "Older people"),
        ("Kinder und Jugendliche", "Children and young people"),
        ("Vereine und Ehrenamt", "Clubs and volunteers"),
        ("Tourismus", "Tourism"),
        ("Landwirtschaft", "Agriculture"),
    ],
}
