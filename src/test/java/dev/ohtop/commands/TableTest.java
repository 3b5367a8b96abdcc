package dev.ohtop.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Human output's columns line up however long a value is, wide characters counted as a terminal draws them. */
class TableTest {

    @Test
    void eachColumnIsAsWideAsItsWidestCellAndNumbersAlignRight() {
        Table table = new Table("ID", "TITLE", ">COST");
        table.add("6f45f2e9", "a title much longer than the others, left whole", "$0.17");
        table.add("02d53e28", "short", "$12.03");

        assertEquals(
                List.of(
                        "ID        TITLE                                              COST",
                        "6f45f2e9  a title much longer than the others, left whole   $0.17",
                        "02d53e28  short                                            $12.03"),
                table.text().lines().toList());
    }

    @Test
    void wideCharactersTakeTwoColumnsAndTheLastColumnLeavesNoTrailingBlanks() {
        Table table = new Table("TITLE", "MODEL");
        table.add("修正", "gpt");
        table.add("fix", "");

        assertEquals(
                List.of("TITLE  MODEL", "修正   gpt", "fix"), table.text().lines().toList());
    }
}
