package com.rostersync.monitor.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows of its reader: the name, and whether to offer the operators' actions. */
@ControllerAdvice(assignableTypes = {ConsolePages.class, HoldDecisions.class})
class ConsoleModel {

    @ModelAttribute("user")
    String user(HttpServletRequest request) {
        return request.getRemoteUser();
    }

    @ModelAttribute("canOperate")
    boolean canOperate(HttpServletRequest request) {
        return request.isUserInRole("OPERATOR");
    }
}
