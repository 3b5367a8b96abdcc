package dev.ohtop.testing;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The version pom.xml declares, read from the file itself: what a build must report as ohtop's version. */
public final class PomVersion {
    private PomVersion() {}

    public static String read() throws Exception {
        // Tests run in the project's folder (Maven's basedir), where pom.xml is.
        Element project = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().strip();
            }
        }
        throw new IllegalStateException("pom.xml declares no version");
    }
}
