from django.urls import path, re_path

from wissensspeicher.communities import views
from wissensspeicher.communities.models import CommunityKind

app_name = "communities"

# Pages below a group work the same for both kinds; the section in the address says which kind to look up.
SECTION = r"^(?P<section>peer-learnings|arbeitsgemeinschaften)/(?P<slug>[-a-zA-Z0-9_]+)"

urlpatterns = [
    path("peer-learnings/", views.community_list, {"kind": CommunityKind.PEER_LEARNING}, name="peer-learning-list"),
    path("arbeitsgemeinschaften/", views.community_list, {"kind": CommunityKind.WORKING_GROUP}, name="working-group-list"),
    path("arbeitsgemeinschaften/neu/", views.community_create, name="community-create"),
    path("arbeitsgemeinschaften/antraege/", views.membership_list, name="membership-list"),
    path("arbeitsgemeinschaften/antraege/<int:pk>/", views.membership_decide, name="membership-decide"),
    path("peer-learnings/<slug:slug>/", views.community_detail, {"section": "peer-learnings"}, name="peer-learning-detail"),
    path("arbeitsgemeinschaften/<slug:slug>/", views.community_detail, {"section": "arbeitsgemeinschaften"},
         name="working-group-detail"),
    re_path(SECTION + r"/bearbeiten/$", views.community_update, name="community-update"),
    re_path(SECTION + r"/mitmachen/$", views.membership_request, name="membership-request"),
    re_path(SECTION + r"/austreten/$", views.membership_leave, name="membership-leave"),
    re_path(SECTION + r"/teilnehmende/$", views.interest_add, name="interest-add"),
    re_path(SECTION + r"/dokumente/neu/$", views.document_add, name="document-add"),
    re_path(SECTION + r"/dokumente/(?P<pk>[0-9]+)/$", views.document_download, name="document-download"),
    re_path(SECTION + r"/dokumente/(?P<pk>[0-9]+)/entfernen/$", views.document_remove, name="document-remove"),
]
