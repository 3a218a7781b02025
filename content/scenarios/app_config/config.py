# Settings as classes: the production settings inherit the defaults and change a few.
import os


class Config:
    APP_NAME = "동아리 출석부"
    DEBUG = False
    ITEMS_PER_PAGE = 10
    ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "admin@example.com")


class DevelopmentConfig(Config):
    DEBUG = True
    ITEMS_PER_PAGE = 3


class ProductionConfig(Config):
    ITEMS_PER_PAGE = 5
