"""Print the JSON schema of the portfolio export (`python -m jeugddomein.schema > schema/portfolio.schema.json`)."""

from .models.portfolio import dump_schema

if __name__ == "__main__":
    print(dump_schema(), end="")
