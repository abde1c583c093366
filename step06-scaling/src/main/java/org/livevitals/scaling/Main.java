package org.livevitals.scaling;

/** Placeholder while the module is wired; replaced below. */
public final class Main {
    public static void main(String[] args) {
    }
}
