package dev.ward.test.spring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

@DisplayName("WardMockMvc")
class WardMockMvcTest {

    @Test
    @DisplayName("without a WebApplicationContext in the servlet context: a clear IllegalStateException")
    void withoutWebApplicationContext() {
        MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext());

        assertThatThrownBy(() -> WardMockMvc.wardUser("u-1", "admin").postProcessRequest(request))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WebApplicationContext");
    }

    @Test
    @DisplayName("without a TestTokens bean: an IllegalStateException naming @AutoConfigureWardTest")
    void withoutTestTokens() {
        MockServletContext servletContext = new MockServletContext();
        try (GenericWebApplicationContext context = new GenericWebApplicationContext(servletContext)) {
            context.refresh();
            servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
            MockHttpServletRequest request = new MockHttpServletRequest(servletContext);

            assertThatThrownBy(() -> WardMockMvc.wardUser("u-1", "admin").postProcessRequest(request))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("@AutoConfigureWardTest");
        }
    }
}
