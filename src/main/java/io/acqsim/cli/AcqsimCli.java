package io.acqsim.cli;
public class AcqsimCli { public static void main(String[] a) { System.out.println("hi"); } }
