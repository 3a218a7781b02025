# Gunicorn settings for app_members: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_members/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
