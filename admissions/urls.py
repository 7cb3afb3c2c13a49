app_name = "admissions"

urlpatterns: list = []
