from tests.admissions.conftest import admissions_user, signed_in  # noqa: F401
