/** Spring Boot with Spring Security: a CorsConfigurationSource bean that http.cors() puts before authentication. */
import { javaString } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function spring(s: SnippetInput): string {
  const list = (values: string[]) => `List.of(${values.map(javaString).join(', ')})`;
  return [
    ...preamble('spring', '//', [
      "In your @Configuration class. http.cors(...) puts Spring's CorsFilter ahead of Spring Security's",
      'authentication filters: preflights (which never carry cookies or Authorization) are answered there,',
      'and the 401/403 that authentication writes later carry the headers. Spring adds Vary: Origin itself.',
      'A refused origin gets Spring\'s 403 "Invalid CORS request".',
    ]),
    `import java.util.List;`,
    `import org.springframework.context.annotation.Bean;`,
    `import org.springframework.security.config.Customizer;`,
    `import org.springframework.security.config.annotation.web.builders.HttpSecurity;`,
    `import org.springframework.security.web.SecurityFilterChain;`,
    `import org.springframework.web.cors.CorsConfiguration;`,
    `import org.springframework.web.cors.UrlBasedCorsConfigurationSource;`,
    ``,
    `@Bean`,
    `UrlBasedCorsConfigurationSource corsConfigurationSource() {`,
    `    CorsConfiguration configuration = new CorsConfiguration();`,
    `    configuration.setAllowedOrigins(${list([s.origin])}); // the allow-list, compared exactly`,
    ...(s.credentials ? [`    configuration.setAllowCredentials(true);`] : []),
    `    configuration.setAllowedMethods(${list(allowedMethods(s))});`,
    `    configuration.setAllowedHeaders(${list(s.headers)});`,
    ...(s.expose.length ? [`    configuration.setExposedHeaders(${list(s.expose)});`] : []),
    `    configuration.setMaxAge(${MAX_AGE_SECONDS}L);`,
    `    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();`,
    `    source.registerCorsConfiguration("/**", configuration);`,
    `    return source;`,
    `}`,
    ``,
    `@Bean`,
    `SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {`,
    `    http.cors(Customizer.withDefaults()); // the bean above, before authentication`,
    `    // ... your authorizeHttpRequests(...), httpBasic(...), oauth2ResourceServer(...)`,
    `    return http.build();`,
    `}`,
  ].join('\n');
}
