module ${{ values.modulePath }}

go 1.23
{%- if values.database %}

require github.com/lib/pq v1.10.7
{%- endif %}
