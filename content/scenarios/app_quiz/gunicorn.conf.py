# Gunicorn settings for app_quiz: gunicorn -c gunicorn.conf.py
wsgi_app = "app:app"
bind = "unix:/run/app_quiz/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
