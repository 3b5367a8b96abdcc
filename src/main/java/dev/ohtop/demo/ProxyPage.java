package dev.ohtop.demo;

/** The page nginx (the Kubernetes ingress in front of Cloud and its sandboxes) answers with. */
final class ProxyPage {
    private ProxyPage() {}

    static String titled(String title) {
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
