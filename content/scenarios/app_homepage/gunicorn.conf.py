# Gunicorn settings for app_homepage: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_homepage/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
