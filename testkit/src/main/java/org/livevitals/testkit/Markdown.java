package org.livevitals.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The title and tables of a Markdown document, read the way GitHub renders them (commonmark-java
 * with its GFM tables extension), so that a {@code |} in a code block is not a table and a
 * {@code # comment} in a shell snippet is not a heading.
 *
 * <p>The course's docs are contracts the tests read: a lab's Testing scenarios table, the limits
 * and close codes of {@code labs/protocol.md}. Each cell is kept as written in the Markdown
 * (backticks included, {@code \|} read as a pipe), trimmed.
 */
public final class Markdown {

    /**
     * One table and the heading it stands under.
     *
     * @param heading the text of the nearest heading above it (empty if none), e.g. {@code Testing scenarios}
     * @param level that heading's level, 1 to 6 (0 if none)
     * @param header the cells of the header row
     * @param rows the cells of each body row
     */
    public record Table(String heading, int level, List<String> header, List<List<String>> rows) {}

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private Markdown() {}

    /** The text of the first level-1 heading, if there is one. */
    public static Optional<String> title(String markdown) {
        Node document = PARSER.parse(markdown);
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getLevel() == 1) {
                return Optional.of(textOf(heading).strip());
            }
        }
        return Optional.empty();
    }

    /** Every table of {@code markdown}, in order. */
    public static List<Table> tables(String markdown) {
        List<Table> tables = new ArrayList<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            private String heading = "";
            private int level;

            @Override
            public void visit(Heading node) {
                heading = textOf(node).strip();
                level = node.getLevel();
            }

            @Override
            public void visit(CustomBlock node) {
                if (node instanceof TableBlock table) {
                    tables.add(tableOf(table, heading, level, markdown));
                } else {
                    visitChildren(node);
                }
            }
        });
        return tables;
    }

    /**
     * The body rows of every table in {@code markdown}, first cell to second (the first row wins
     * when two share a first cell): {@code | Longest line (TCP) | 1024 bytes |} gives
     * {@code "Longest line (TCP)" -> "1024 bytes"}.
     */
    public static Map<String, String> secondCellByFirst(String markdown) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Table table : tables(markdown)) {
            for (List<String> row : table.rows()) {
                if (row.size() >= 2) {
                    cells.putIfAbsent(row.get(0), row.get(1));
                }
            }
        }
        return cells;
    }

    private static Table tableOf(TableBlock table, String heading, int level, String markdown) {
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (row instanceof TableRow) {
                    List<String> cells = cellsOf(row, markdown);
                    if (section instanceof TableHead) {
                        header = cells;
                    } else if (section instanceof TableBody) {
                        rows.add(cells);
                    }
                }
            }
        }
        return new Table(heading, level, header, rows);
    }

    private static List<String> cellsOf(Node row, String markdown) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            if (cell instanceof TableCell) {
                cells.add(sourceOf(cell, markdown).strip().replace("\\|", "|"));
            }
        }
        return cells;
    }

    /** The Markdown a node was parsed from: a cell's text as written, backticks and all. */
    private static String sourceOf(Node node, String markdown) {
        StringBuilder source = new StringBuilder();
        for (SourceSpan span : node.getSourceSpans()) {
            source.append(markdown, span.getInputIndex(), span.getInputIndex() + span.getLength());
        }
        return source.toString();
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }
}
