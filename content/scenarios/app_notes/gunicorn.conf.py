# Gunicorn settings for app_notes: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_notes/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
