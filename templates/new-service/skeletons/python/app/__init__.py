${{ (values.name + ': ' + values.description) | dump }}
