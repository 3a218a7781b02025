# Gunicorn settings for lesson_templates
bind = "unix:/run/lesson_templates/gunicorn.sock"
workers = 2
timeout = 30
accesslog = "-"
