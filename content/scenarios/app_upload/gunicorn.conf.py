# Gunicorn settings for app_upload: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_upload/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
