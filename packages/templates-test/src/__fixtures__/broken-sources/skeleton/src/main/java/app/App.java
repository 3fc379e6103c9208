package app;

class App {
    static final String DESCRIPTION = "${{ values.description }}";
}
