# Gunicorn settings for app_signup: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_signup/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
