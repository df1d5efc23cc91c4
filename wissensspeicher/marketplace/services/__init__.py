from wissensspeicher.marketplace.services.importing import postings_import  # noqa: F401
