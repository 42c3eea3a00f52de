"""The code behind the course 'Samenwerken in het brede jeugddomein'."""

__version__ = "0.1.0"
