from django.urls import path

from wissensspeicher.startsmart import views

app_name = "startsmart"

urlpatterns = [
    path("start-smart/", views.landing, name="landing"),
    path("start-smart/interesse/", views.expression_of_interest_create, name="expression-of-interest-create"),
    path("start-smart/interesse/gesendet/", views.expression_of_interest_submitted, name="expression-of-interest-submitted"),
    path("start-smart/interesse/bestaetigen/<str:token>/", views.expression_of_interest_confirm, name="expression-of-interest-confirm"),
    path("start-smart/anfragen/", views.expression_of_interest_list, name="expression-of-interest-list"),
    path("start-smart/anfragen/<int:pk>/", views.expression_of_interest_detail, name="expression-of-interest-detail"),
    path("start-smart/anfragen/<int:pk>/stand/", views.expression_of_interest_transition, name="expression-of-interest-transition"),
    path("start-smart/anfragen/<int:pk>/zustaendig/", views.expression_of_interest_assign, name="expression-of-interest-assign"),
    path("start-smart/anfragen/<int:pk>/naechster-schritt/", views.expression_of_interest_next_step, name="expression-of-interest-next-step"),
    path("start-smart/anfragen/<int:pk>/notiz/", views.expression_of_interest_note, name="expression-of-interest-note"),
    path("start-smart/uebersicht/", views.pipeline_overview, name="pipeline-overview"),
]
