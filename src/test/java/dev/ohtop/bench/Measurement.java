package dev.ohtop.bench;

import java.util.List;

/** One part of the benchmark: it sets up what it needs, measures, and gives its figures. */
public interface Measurement {
    /** A short name for the command line ({@code ./run.sh --bench tail}). */
    String name();

    List<Figure> run() throws Exception;
}
