# Gunicorn settings for app_blueprints: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_blueprints/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
