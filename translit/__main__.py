from translit.cli import run

run()
